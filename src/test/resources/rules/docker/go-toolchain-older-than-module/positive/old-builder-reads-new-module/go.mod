module example.com/notifier

go 1.21

require github.com/segmentio/kafka-go v0.4.47
