#!/bin/sh
# SPDX-License-Identifier: MIT
# make kunit: the KUnit suites alone (and the checks around loading).
VASINFO_ONLY_KUNIT=1 exec /etc/vasinfo/test.sh
