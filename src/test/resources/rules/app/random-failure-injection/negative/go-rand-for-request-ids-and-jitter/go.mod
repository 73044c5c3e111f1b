module github.com/acme/ids

go 1.22
