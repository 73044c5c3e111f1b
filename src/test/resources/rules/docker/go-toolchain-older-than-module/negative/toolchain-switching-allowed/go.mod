module github.com/acme/ledger

go 1.23.0

toolchain go1.23.2
