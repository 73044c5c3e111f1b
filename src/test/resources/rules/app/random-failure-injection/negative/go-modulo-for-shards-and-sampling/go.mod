module github.com/acme/events

go 1.22
