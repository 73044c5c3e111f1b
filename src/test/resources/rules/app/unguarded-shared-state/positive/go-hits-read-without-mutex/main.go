package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var (
	mu   sync.Mutex
	hits int
)

func hitHandler(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	hits++
	mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func statsHandler(w http.ResponseWriter, r *http.Request) {
	// expect: app/unguarded-shared-state "hits is updated under a lock (line 17) but read here without it (in /stats)"
	fmt.Fprintf(w, "hits %d\n", hits)
}

func main() {
	http.HandleFunc("/hit", hitHandler)
	http.HandleFunc("/stats", statsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
