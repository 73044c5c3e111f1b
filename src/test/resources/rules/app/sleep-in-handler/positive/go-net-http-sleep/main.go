package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

type quote struct {
	Symbol string  `json:"symbol"`
	Price  float64 `json:"price"`
}

func quoteHandler(w http.ResponseWriter, r *http.Request) {
	// simulate the pricing engine while it is being rewritten
	// expect: app/sleep-in-handler "/quote sleeps in time.Sleep(3 * time.Second) on every request"
	time.Sleep(3 * time.Second)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(quote{Symbol: r.URL.Query().Get("s"), Price: 101.5})
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/quote", quoteHandler)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
