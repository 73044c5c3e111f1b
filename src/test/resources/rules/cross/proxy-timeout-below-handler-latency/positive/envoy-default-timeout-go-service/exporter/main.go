package main

import (
	"encoding/json"
	"log"
	"net/http"
	"time"
)

func exports(w http.ResponseWriter, r *http.Request) {
	// wait for the nightly snapshot to be flushed to object storage
	time.Sleep(20 * time.Second)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"status": "ready"})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/exports", exports)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	log.Fatal(http.ListenAndServe(":8080", mux))
}
