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
	mu.Lock()
	n := hits
	mu.Unlock()
	fmt.Fprintf(w, "hits %d\n", n)
}

func main() {
	http.HandleFunc("/hit", hitHandler)
	http.HandleFunc("/stats", statsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
