#!/usr/bin/env python3
"""Writes a gzip CSV of purchase lines in the UCI Online Retail layout, for the import benchmark.

    bench/generate-purchases.py /tmp/purchases-1m.csv.gz 1000000

About 5 lines an order, 50,000 customers, one order in 12 a return (negative quantities, reference starting with C).
Deterministic (fixed seed), so two runs give the same file.
"""
import csv
import gzip
import random
import sys
from datetime import datetime, timedelta

path, lines = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
start = datetime(2021, 1, 1)
countries = ["United Kingdom", "France", "Germany", "EIRE", "Spain", "Netherlands"]
with gzip.open(path, "wt", newline="", compresslevel=6) as out:
    writer = csv.writer(out)
    writer.writerow(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
                     "Country"])
    written, order = 0, 100000
    while written < lines:
        order += 1
        customer = rng.randint(10000, 59999)
        is_return = rng.random() < 1 / 12
        reference = ("C" if is_return else "") + str(order)
        when = (start + timedelta(minutes=order * 7)).strftime("%Y-%m-%d %H:%M:%S")
        for _ in range(min(rng.randint(1, 9), lines - written)):
            quantity = rng.randint(1, 24) * (-1 if is_return else 1)
            price = f"{rng.randint(10, 2500) / 100:.2f}"
            writer.writerow([reference, f"SKU{rng.randint(1, 4000):05d}", "GENERATED ITEM", quantity, when, price,
                             f"{customer}.0", countries[customer % len(countries)]])
            written += 1
