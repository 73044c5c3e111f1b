module github.com/acme/inventory

go 1.22

require (
	github.com/jackc/pgx/v5 v5.5.5
	github.com/spf13/viper v1.18.2
)
