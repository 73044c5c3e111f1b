package main

import (
	"bytes"
	"log"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 2 * time.Second}

func notifyHandler(w http.ResponseWriter, r *http.Request) {
	var resp *http.Response
	var err error
	delay := 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		resp, err = client.Post("http://mailer:8025/send", "application/json", bytes.NewReader([]byte(`{}`)))
		if err == nil {
			break
		}
		time.Sleep(delay)
		delay *= 2
	}
	if err != nil {
		http.Error(w, "mailer unavailable", http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	w.WriteHeader(http.StatusAccepted)
}

func main() {
	http.HandleFunc("/notify", notifyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
