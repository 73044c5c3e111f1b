package main

import (
	"io"
	"log"
	"net/http"
	"sync"
)

const keep = 1000

var (
	mu     sync.Mutex
	recent []string
)

func recordHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	mu.Lock()
	recent = append(recent, string(body))
	if len(recent) > keep {
		recent = recent[len(recent)-keep:]
	}
	mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func main() {
	http.HandleFunc("/events", recordHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
