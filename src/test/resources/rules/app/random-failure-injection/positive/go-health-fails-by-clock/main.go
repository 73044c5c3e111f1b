package main

import (
	"encoding/json"
	"log"
	"net/http"
	"time"
)

func healthz(w http.ResponseWriter, r *http.Request) {
	// flaky dependency simulation for the resilience workshop
	// expect: app/random-failure-injection "by the clock: 30% of the time"
	if time.Now().Unix()%10 < 3 {
		http.Error(w, "dependency unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
	w.Write([]byte("ok"))
}

func balances(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(map[string]int{"eur": 1200})
}

func main() {
	http.HandleFunc("/healthz", healthz)
	http.HandleFunc("/balances", balances)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
