module github.com/acme/quotes

go 1.22
