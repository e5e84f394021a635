#!/bin/sh
# SPDX-License-Identifier: MIT
# The fuzz run inside the VM (tests/vm/tier.sh KIND fuzz): the test run of
# guest-test.sh with only t_fuzz, as root and as uid 1000, for
# vasinfo.fuzz_seconds= each with the seed vasinfo.fuzz_seed= from the
# kernel command line. Prints KTAP.
seed=1
seconds=60
# shellcheck disable=SC2013 # the command line is words
for w in $(cat /proc/cmdline); do
	case $w in
	vasinfo.fuzz_seed=*) seed=${w#vasinfo.fuzz_seed=} ;;
	vasinfo.fuzz_seconds=*) seconds=${w#vasinfo.fuzz_seconds=} ;;
	esac
done
VASINFO_FUZZ="--seed $seed --seconds $seconds" exec /etc/vasinfo/test.sh
