package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/send", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
	})
	log.Fatal(http.ListenAndServe(":9090", nil))
}
