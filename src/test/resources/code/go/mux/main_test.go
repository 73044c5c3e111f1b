package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestIndex(t *testing.T) {
	http.HandleFunc("/test-only", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(10 * time.Millisecond)
		w.WriteHeader(http.StatusInternalServerError)
	})
	rec := httptest.NewRecorder()
	index(rec, httptest.NewRequest("GET", "/", nil))
}
