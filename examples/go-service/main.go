package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	counter  int
	requests [][]byte // payloads kept for the debug endpoint
)

func rootHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	requests = append(requests, body)

	mu.Lock()
	counter++
	mu.Unlock()

	time.Sleep(2 * time.Second)
	fmt.Fprintf(w, "hello, request #%d\n", counter)
}

func healthHandler(w http.ResponseWriter, r *http.Request) {
	if len(requests) > 0 {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintln(w, "busy")
		return
	}
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintln(w, "not ready")
}

func rateHandler(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://api.exchangerate.host/latest?base=USD")
	if err != nil {
		http.Error(w, "upstream unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}

	http.HandleFunc("/", rootHandler)
	http.HandleFunc("/healthz", healthHandler)
	http.HandleFunc("/rates", rateHandler)

	log.Printf("listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
