package main

import (
	"io"
	"log"
	"net/http"
)

func productsHandler(w http.ResponseWriter, r *http.Request) {
	// http.Get uses http.DefaultClient, which never gives up on a slow server
	// expect: app/outbound-call-without-timeout "HTTP call to http://catalog:8080 has no timeout"
	resp, err := http.Get("http://catalog:8080/api/products")
	if err != nil {
		http.Error(w, "catalog unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func main() {
	http.HandleFunc("/products", productsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
