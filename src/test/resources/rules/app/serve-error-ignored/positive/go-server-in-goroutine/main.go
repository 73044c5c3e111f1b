package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("jobs_processed_total 0\n"))
	})
	srv := &http.Server{Addr: ":9100", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	// expect: app/serve-error-ignored "leaves the process up, serving nothing"
	go srv.ListenAndServe()

	for {
		log.Println("polling the job queue")
		time.Sleep(10 * time.Second)
	}
}
