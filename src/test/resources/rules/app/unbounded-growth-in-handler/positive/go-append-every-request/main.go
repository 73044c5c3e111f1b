package main

import (
	"io"
	"log"
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	events []string
)

func recordHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	mu.Lock()
	// expect: app/unbounded-growth-in-handler "events gets a new entry on every request (events = append(events, string(body))) and nothing ever removes one (in /events)"
	events = append(events, string(body))
	mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func main() {
	http.HandleFunc("/events", recordHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
