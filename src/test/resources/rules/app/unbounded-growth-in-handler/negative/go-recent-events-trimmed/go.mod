module github.com/acme/audit

go 1.22
