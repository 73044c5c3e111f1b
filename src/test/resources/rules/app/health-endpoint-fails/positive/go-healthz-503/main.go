package main

import (
	"fmt"
	"log"
	"net/http"
)

func stockHandler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, `{"sku":"A-1","count":4}`)
}

// healthz was stubbed out during the storage migration and never restored.
func healthzHandler(w http.ResponseWriter, r *http.Request) {
	// expect: app/health-endpoint-fails "/healthz answers 503 on every call"
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprintln(w, "not ready")
}

func main() {
	http.HandleFunc("/stock", stockHandler)
	http.HandleFunc("/healthz", healthzHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
