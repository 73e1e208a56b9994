package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's keytool, run as a child process: this module cannot use the embedded stack's certificate authority
 * (infra/embedded depends on schemas), and keytool needs nothing from Maven.
 */
final class Keytool {

    static final String STORE_PASSWORD = "store-Pa55word";

    private Keytool() {
    }

    static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "keytool " + args[0] + " did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }

    /** A PKCS12 store at {@code store} holding one self-signed key pair for 127.0.0.1 / localhost. */
    static Path selfSigned(Path store, String name, String... validity) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + name, "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD));
        args.addAll(List.of(validity));
        run(args.toArray(String[]::new));
        return store;
    }

    /** The certificate of {@code alias} in {@code store} as a PEM file. */
    static Path exportPem(Path store, String alias, Path pem) throws IOException, InterruptedException {
        run("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", pem.toString());
        return pem;
    }

    /**
     * A CA ({@code ca.p12}, {@code ca.crt}) and a server store ({@code <name>.p12}: key, certificate for 127.0.0.1 /
     * localhost signed by the CA, CA certificate) in {@code dir}; returns the CA certificate as PEM.
     */
    static Path caAndServer(Path dir, String name) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        run("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=reescreen test CA",
                "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass", STORE_PASSWORD);
        Path caPem = exportPem(ca, "ca", dir.resolve("ca.crt"));
        Path server = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".crt");
        run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-storetype", "PKCS12", "-keystore", server.toString(), "-storepass", STORE_PASSWORD);
        run("-certreq", "-alias", name, "-keystore", server.toString(), "-storepass", STORE_PASSWORD,
                "-file", request.toString());
        run("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASSWORD,
                "-infile", request.toString(), "-outfile", signed.toString(), "-ext", "san=ip:127.0.0.1,dns:localhost");
        run("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(),
                "-storepass", STORE_PASSWORD);
        run("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", server.toString(),
                "-storepass", STORE_PASSWORD);
        return caPem;
    }
}
