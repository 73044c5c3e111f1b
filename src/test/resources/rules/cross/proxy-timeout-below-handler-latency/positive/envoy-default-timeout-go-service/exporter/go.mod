module acme.internal/platform/exporter

go 1.22
