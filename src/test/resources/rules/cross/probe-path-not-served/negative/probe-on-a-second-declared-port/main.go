package main

import "net/http"

// The metrics port is served by the node-exporter textfile collector started by the entrypoint
// script, not by this process.
func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	http.ListenAndServe(":8000", mux)
}
