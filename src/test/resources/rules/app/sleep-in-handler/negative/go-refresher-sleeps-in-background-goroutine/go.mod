module github.com/acme/rates

go 1.22
