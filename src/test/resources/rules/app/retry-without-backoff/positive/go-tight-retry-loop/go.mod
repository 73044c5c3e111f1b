module github.com/acme/notifier

go 1.22
