module github.com/acme/storefront

go 1.22
