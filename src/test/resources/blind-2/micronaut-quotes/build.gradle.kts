plugins {
    id("io.micronaut.application") version "4.4.0"
    id("com.github.johnrengelman.shadow") version "8.1.1"
}

version = "1.3.0"
group = "io.acme.quotes"

repositories { mavenCentral() }

dependencies {
    annotationProcessor("io.micronaut:micronaut-http-validation")
    implementation("io.micronaut:micronaut-http-client")
    implementation("io.micronaut:micronaut-management")
    runtimeOnly("ch.qos.logback:logback-classic")
}

application { mainClass.set("io.acme.quotes.Application") }
java { sourceCompatibility = JavaVersion.toVersion("21") }
micronaut { runtime("netty") }
