package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"
)

var db *sql.DB

// readyz answers 503 only while the database does not answer: that is its job.
func readyz(w http.ResponseWriter, r *http.Request) {
	if err := db.Ping(); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func main() {
	var err error
	db, err = sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/readyz", readyz)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
