// Command worker serves a small API and refreshes prices in the background.
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

var (
	mu     sync.RWMutex
	prices = map[string]float64{}
	hits   = map[string]int{}
)

var client = &http.Client{Timeout: 5 * time.Second}

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func main() {
	upstream := os.Getenv("PRICES_URL")
	if upstream == "" {
		log.Fatal("PRICES_URL is required")
	}
	addr := ":" + getEnv("PORT", "9000")

	go func() {
		for {
			refresh(upstream)
			time.Sleep(30 * time.Second)
		}
	}()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /prices/{sym}", priceHandler)
	mux.HandleFunc("/readyz", readyHandler)

	srv := &http.Server{Addr: addr, Handler: mux, ReadTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func refresh(url string) {
	resp, err := client.Get(url)
	if err != nil {
		log.Printf("refresh: %v", err)
		return
	}
	defer resp.Body.Close()
	var fresh map[string]float64
	if err := json.NewDecoder(resp.Body).Decode(&fresh); err != nil {
		return
	}
	mu.Lock()
	prices = fresh
	mu.Unlock()
}

func priceHandler(w http.ResponseWriter, r *http.Request) {
	sym := r.PathValue("sym")
	mu.RLock()
	p, ok := prices[sym]
	hits["prices"]++
	mu.RUnlock()
	if !ok {
		http.Error(w, "unknown symbol", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(map[string]float64{sym: p})
}

func readyHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, os.Getenv("PRICES_URL"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	resp.Body.Close()
	w.WriteHeader(http.StatusOK)
}

func notify(msg string) {
	_, _ = http.Post("http://alerts.internal/notify", "text/plain", nil)
}
