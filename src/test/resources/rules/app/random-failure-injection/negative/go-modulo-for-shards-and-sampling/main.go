package main

import (
	"fmt"
	"hash/fnv"
	"log"
	"net/http"
	"strconv"
	"sync/atomic"
)

const shards = 8

var received atomic.Int64

func shardOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()) % shards
}

func ingest(w http.ResponseWriter, r *http.Request) {
	n := received.Add(1)
	// log every 1000th event, not a failure
	if n%1000 == 0 {
		log.Printf("ingested %d events", n)
	}
	shard := shardOf(r.URL.Query().Get("tenant"))
	if shard%2 == 0 {
		w.Header().Set("X-Shard-Group", "even")
	}
	w.WriteHeader(http.StatusAccepted)
}

func pages(w http.ResponseWriter, r *http.Request) {
	total, err := strconv.Atoi(r.URL.Query().Get("total"))
	if err != nil {
		http.Error(w, "bad total", http.StatusBadRequest)
		return
	}
	pageSize := 50
	count := total / pageSize
	// a partial last page
	if total%pageSize != 0 {
		count++
	}
	id, _ := strconv.Atoi(r.URL.Query().Get("id"))
	// odd ids were retired: a client error, not a failure of the service
	if id%2 == 1 {
		http.Error(w, "retired id", http.StatusGone)
		return
	}
	fmt.Fprintf(w, "%d pages", count)
}

func main() {
	http.HandleFunc("/ingest", ingest)
	http.HandleFunc("/pages", pages)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
