package main

import (
	"encoding/json"
	"log"
	"net/http"
)

type entry struct {
	Account string `json:"account"`
	Cents   int64  `json:"cents"`
}

func main() {
	http.HandleFunc("/livez", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	http.HandleFunc("/entries", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode([]entry{{Account: "cash", Cents: 1200}})
	})
	log.Fatal(http.ListenAndServe(":8000", nil))
}
