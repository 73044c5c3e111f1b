package main

import (
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"time"
)

func handler(w http.ResponseWriter, r *http.Request) {
	// a random id and a random cache lifetime: randomness that never fails a request
	id := fmt.Sprintf("req-%08x", rand.Uint32())
	ttl := 60 + rand.Intn(30)
	if rand.Intn(100) < 5 {
		log.Printf("sampled request %s", id)
	}
	w.Header().Set("Cache-Control", fmt.Sprintf("max-age=%d", ttl))
	w.Header().Set("X-Request-Id", id)
	fmt.Fprintln(w, "ok", time.Now().Unix())
}

func main() {
	http.HandleFunc("/", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
