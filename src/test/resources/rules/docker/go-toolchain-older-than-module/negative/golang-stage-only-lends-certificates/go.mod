module github.com/acme/edge

go 1.23
