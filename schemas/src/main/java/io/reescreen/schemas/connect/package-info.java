/**
 * How a process connects to a secured Kafka cluster and schema registry (issue 14), in the clients' own keys.
 *
 * <p>What is here (part A, tested in this module):
 * <ul>
 *   <li>{@link io.reescreen.schemas.connect.KafkaClientSecurity}: {@code security.protocol}, {@code sasl.*},
 *       {@code ssl.*}, {@code config.providers*} from a Kafka client properties file, {@code KAFKA_*} variables or
 *       Micronaut's {@code kafka.*} map; merged with one-line conflicts (key and sources, never values).
 *       {@code ${file:..}}/{@code ${env:..}} references reach Kafka unresolved and Kafka resolves them.</li>
 *   <li>{@link io.reescreen.schemas.connect.KafkaConnection}: bootstrap servers + security, the one thing client
 *       builders take ({@code clientConfig(own)}, {@code applyTo(streamsProperties)}, {@code describe()}).</li>
 *   <li>{@link io.reescreen.schemas.connect.RegistryClientSettings} and
 *       {@link io.reescreen.schemas.connect.RegistryConnection}: Apicurio 3.1.7's serde keys for basic auth, OAuth2
 *       client credentials and the truststore (references resolved here: Apicurio's client does not);
 *       {@code RegistrySerdes} takes a {@code RegistryConnection}. No client certificate to the registry: the serde has
 *       no keystore key.</li>
 *   <li>{@link io.reescreen.schemas.connect.ConnectionCheck} (bounded Kafka preflight, local trust/keystore files, an
 *       authenticated registry read) and {@link io.reescreen.schemas.connect.ConnectionProblem} (one line naming the
 *       setting, never a secret); {@link io.reescreen.schemas.connect.Secrets} says which keys hold secrets.</li>
 *   <li>{@code KafkaConnection} overloads of {@code PartitionCounts}, and of {@code TopicWindowReader.consumer} and
 *       {@code ReleaseHistory.read} in services/replay (the String forms delegate to {@code plaintext}).</li>
 * </ul>
 *
 * <p>Who uses it: the services read theirs through {@code io.reescreen.streams.ServiceConnections}
 * ({@code kafka.*}, {@code reescreen.kafka.config}, {@code apicurio.registry.*}, {@code reescreen.registry.config}) and
 * check them before their context starts; the simulators take a {@code KafkaConnection}; the launcher's commands build
 * theirs from {@code --kafka-config} and {@code --registry-config}. Here they are tested against a closed port, a TLS
 * socket the client does not trust and a JDK {@code HttpsServer} registry stub; against a real secured broker and
 * registry in infra/embedded and the services' secured tests.
 */
package io.reescreen.schemas.connect;
