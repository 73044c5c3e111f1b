package main

import (
	"io"
	"log"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 3 * time.Second}

func productsHandler(w http.ResponseWriter, r *http.Request) {
	resp, err := client.Get("http://catalog:8080/api/products")
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
