package main

import (
	"log"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/payments", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"status":"accepted"}`))
	})
	log.Fatal(http.ListenAndServe(":8080", mux))
}
