module github.com/acme/inventory-api

go 1.22
