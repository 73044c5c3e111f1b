package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	http.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode([]string{"bolt", "nut"})
	})
	log.Printf("inventory-api on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
