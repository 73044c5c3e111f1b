package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/spf13/viper"

	"github.com/acme/inventory/internal/store"
)

func main() {
	port := flag.Int("port", 9090, "HTTP port")
	flag.Parse()

	viper.AutomaticEnv()
	viper.SetDefault("CACHE_TTL", "30s")
	dsn := viper.GetString("DATABASE_URL")

	db, err := store.Open(dsn)
	if err != nil {
		log.Fatalf("open store: %v", err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/stock/", func(w http.ResponseWriter, r *http.Request) {
		sku := r.URL.Path[len("/stock/"):]
		qty, err := db.Quantity(r.Context(), sku)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(map[string]int{"quantity": qty})
	})

	srv := &http.Server{
		Addr:         fmt.Sprintf(":%d", *port),
		Handler:      mux,
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 10 * time.Second,
	}
	log.Printf("inventory listening on %s", srv.Addr)
	log.Fatal(srv.ListenAndServe())
}
