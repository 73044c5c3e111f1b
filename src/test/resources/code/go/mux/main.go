package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
)

const defaultPort = "3000"

var served int

func respondError(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func main() {
	port := defaultPort
	if p := os.Getenv("HTTP_PORT"); p != "" {
		port = p
	}
	token, ok := os.LookupEnv("API_TOKEN")
	if !ok {
		panic("API_TOKEN must be set")
	}
	_ = token

	r := chi.NewRouter()
	r.Get("/", index)
	r.Route("/api", func(r chi.Router) {
		r.Get("/flaky", flaky)
		r.Post("/report", reportHandler)
	})
	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%s", port), r))
}

func index(w http.ResponseWriter, r *http.Request) {
	served++
	fmt.Fprintln(w, "hi")
}

func flaky(w http.ResponseWriter, r *http.Request) {
	if rand.Intn(2) == 0 {
		respondError(w, http.StatusBadGateway, "upstream hiccup")
		return
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get("http://inventory:8080/stock")
		if err == nil {
			resp.Body.Close()
			break
		}
	}
	w.WriteHeader(http.StatusOK)
}
