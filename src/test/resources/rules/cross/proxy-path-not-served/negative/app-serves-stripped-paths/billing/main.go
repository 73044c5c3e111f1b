package main

import (
	"log"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/invoices", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("[]"))
	})
	log.Fatal(http.ListenAndServe(":9000", mux))
}
