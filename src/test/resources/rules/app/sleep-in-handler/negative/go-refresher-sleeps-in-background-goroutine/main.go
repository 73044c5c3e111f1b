package main

import (
	"encoding/json"
	"log"
	"net/http"
	"sync"
	"time"
)

var (
	mu    sync.RWMutex
	rates = map[string]float64{"EUR": 1.08}
)

// refresh runs in its own goroutine: its sleep paces the refresh, no request waits for it.
func refresh() {
	for {
		mu.Lock()
		rates["EUR"] = 1.09
		mu.Unlock()
		time.Sleep(30 * time.Second)
	}
}

func ratesHandler(w http.ResponseWriter, r *http.Request) {
	mu.RLock()
	defer mu.RUnlock()
	json.NewEncoder(w).Encode(rates)
}

func main() {
	go refresh()
	http.HandleFunc("/rates", ratesHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
