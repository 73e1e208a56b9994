#!/usr/bin/env python3
"""Lot metadata and XRF readings produced as a non-Java client produces them.

librdkafka (through confluent-kafka) with its default partitioner, consistent_random: a keyed record goes to
CRC32(key) % partitions, where Java's default client uses murmur2(key) % partitions, so a lot's records land on
other partitions than a Java producer would choose. Values are in Confluent's wire format: magic byte 0, the 4-byte
big-endian schema id the registry's Confluent-compatible API (/apis/ccompat/v7) returns, then the Avro binary body.
Keys are the lot id as UTF-8, as the screener requires.

    produce_lots_and_readings.py --bootstrap-servers localhost:9092 \
        --registry http://localhost:8080/apis/ccompat/v7 --phase lots|readings \
        --lot-schema LotInfo.avsc --reading-schema XrfReading.avsc --lot LOT-1=YARD-A --lot LOT-2=YARD-B ...

On a secured cluster: --client-config FILE holds librdkafka's own keys (security.protocol, sasl.mechanisms,
sasl.username, sasl.password, ssl.ca.location, ...; not Java's sasl.jaas.config), a value ${env:NAME} read from the
environment; --registry-ca FILE trusts the registry's certificate, --registry-user with $REGISTRY_PASSWORD sends basic
credentials. Secrets never on the command line.

Needs python3-confluent-kafka and python3-avro (Debian). Prints one JSON line: what was sent, by partition.
"""
import argparse
import base64
import datetime
import io
import json
import os
import re
import ssl
import struct
import sys
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Producer

# A Class F fly ash, oxide wt % (as the screener's tests use), each with a 2 % 1-sigma.
TYPICAL_WT_PCT = {"SiO2": 52.0, "Al2O3": 24.0, "CaO": 5.0, "Fe2O3": 8.0, "MgO": 1.5, "Na2O": 0.8,
                  "K2O": 2.2, "TiO2": 1.2, "P2O5": 0.3, "MnO": 0.05}


def client_config(path):
    """librdkafka settings from a key=value file; ${env:NAME} values come from the environment (secrets)."""
    settings = {}
    if path is None:
        return settings
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            reference = re.fullmatch(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}", value)
            settings[key] = os.environ[reference.group(1)] if reference else value
    return settings


def register(registry, subject, schema_text, ca_file=None, user=None):
    """The schema id of schema_text under subject (registered if new), from the Confluent-compatible API."""
    headers = {"Content-Type": "application/vnd.schemaregistry.v1+json"}
    if user is not None:
        token = base64.b64encode(f"{user}:{os.environ['REGISTRY_PASSWORD']}".encode()).decode()
        headers["Authorization"] = "Basic " + token
    request = urllib.request.Request(
        f"{registry}/subjects/{subject}/versions", data=json.dumps({"schema": schema_text}).encode(),
        headers=headers, method="POST")
    context = ssl.create_default_context(cafile=ca_file) if ca_file else None
    with urllib.request.urlopen(request, timeout=30, context=context) as answer:
        return json.load(answer)["id"]


def confluent_framed(schema, schema_id, datum):
    out = io.BytesIO()
    out.write(struct.pack(">bI", 0, schema_id))
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(out))
    return out.getvalue()


def lot_info(lot_id, site_id, now):
    return {"lotId": lot_id, "siteId": site_id, "ashOrigin": "FLY_ASH", "coalRank": "BITUMINOUS",
            "basin": "Appalachian", "boilerType": None, "updatedAt": now}


def reading(lot_id, reading_id, sampled_at):
    return {"readingId": reading_id, "analyzerId": "XRF-PY-1", "lotId": lot_id, "sampledAt": sampled_at,
            "basis": "OXIDE_WT_PCT", "materialBasis": "ASH",
            "analytes": [{"analyte": oxide, "valueInBasisUnit": value, "sigma1InBasisUnit": value * 0.02,
                          "belowDetection": False, "detectionLimitInBasisUnit": None}
                         for oxide, value in TYPICAL_WT_PCT.items()],
            "lossOnIgnitionWtPct": None, "ashYieldWtPct": None, "calibrationId": None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--registry", required=True, help="the Confluent-compatible API, .../apis/ccompat/v7")
    parser.add_argument("--phase", required=True, choices=["lots", "readings"])
    parser.add_argument("--lot-schema", required=True, help="LotInfo's Avro schema (self-contained JSON)")
    parser.add_argument("--reading-schema", required=True, help="XrfReading's Avro schema (self-contained JSON)")
    parser.add_argument("--lot", action="append", required=True, help="LOT_ID=SITE_ID, once per lot")
    parser.add_argument("--readings-per-lot", type=int, default=3)
    parser.add_argument("--client-config", help="librdkafka settings file (security), ${env:NAME} values")
    parser.add_argument("--registry-ca", help="PEM file of the CA that signed the registry's certificate")
    parser.add_argument("--registry-user", help="basic-auth user for the registry; password from $REGISTRY_PASSWORD")
    args = parser.parse_args()

    topic, schema_file = ("lots", args.lot_schema) if args.phase == "lots" else ("xrf.readings", args.reading_schema)
    with open(schema_file, encoding="utf-8") as f:
        schema_text = f.read()
    schema = avro.schema.parse(schema_text)
    schema_id = register(args.registry, topic + "-value", schema_text, args.registry_ca, args.registry_user)

    # consistent_random is librdkafka's default; named here so that the point of this client is visible.
    producer = Producer({**client_config(args.client_config), "bootstrap.servers": args.bootstrap_servers,
                         "partitioner": "consistent_random", "enable.idempotence": True, "acks": "all"})
    failures = []
    by_partition = {}

    def delivered(error, message):
        if error is not None:
            failures.append(str(error))
        else:
            key = message.key().decode("utf-8")
            by_partition.setdefault(str(message.partition()), []).append(key)

    now = datetime.datetime.now(datetime.timezone.utc)
    for spec in args.lot:
        lot_id, site_id = spec.split("=", 1)
        if args.phase == "lots":
            records = [lot_info(lot_id, site_id, now)]
        else:
            records = [reading(lot_id, f"{lot_id}-PY{i}", now - datetime.timedelta(seconds=60 - i))
                       for i in range(args.readings_per_lot)]
        for datum in records:
            producer.produce(topic, key=lot_id.encode("utf-8"), value=confluent_framed(schema, schema_id, datum),
                             on_delivery=delivered)
            producer.poll(0)
    left = producer.flush(30)
    sent = sum(len(keys) for keys in by_partition.values())
    print(json.dumps({"topic": topic, "schemaId": schema_id, "sent": sent, "failed": len(failures) + left,
                      "byPartition": by_partition}))
    if failures or left:
        print("delivery failed: " + "; ".join(failures) + (f"; {left} not flushed" if left else ""), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
