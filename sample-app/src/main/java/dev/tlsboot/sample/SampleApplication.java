package dev.tlsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The TLS Boot sample: for now a loopback tour of the core (a CA, a TLS server socket, a client that connects and
 * reports what it negotiated); it grows into the CA, certificate request service and mTLS API of the TclTLS
 * "Managing Certificates" example.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
