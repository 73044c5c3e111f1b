module github.com/acme/counter

go 1.22
