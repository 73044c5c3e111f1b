docker build -t ghcr.io/acme/billing:0.9.2 billing
