#!/usr/bin/env bash
# Spark scoring (LatentadScorer via ScoreJob, local[2]) against single-process `latentad score` on
# the same 1,000,000 synthetic trades rows; prints wall times. Run from the repository root after
# `mvn -B -q package -DskipTests`. Needs ~6 GB of heap. Usage: bench/scripts/spark_score.sh [ROWS] [WORKDIR]
set -euo pipefail
ROWS=${1:-1000000}
W=${2:-/tmp/latentad-spark-bench}
JAR=${JAR:-models/target/latentad.jar}
JAVA_OPTS=(--add-modules jdk.incubator.vector -Xss8m)
mkdir -p "$W"
# Spark's own jars from the local Maven repository (what spark-submit's distribution would provide)
mvn -B -q -pl models dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$W/spark.cp" >/dev/null
OPENS=$(grep -o '<latentad.sparkOpens>[^<]*' pom.xml | sed 's/<latentad.sparkOpens>//')

if [ ! -f "$W/rows.csv" ]; then
  cat > "$W/Gen.java" <<'JAVA'
import io.latentad.models.data.TradesGenerator;
import java.nio.file.Path;
public class Gen {
    public static void main(String[] a) throws Exception {
        TradesGenerator.write(Path.of(a[0]), TradesGenerator.Options.defaults(Long.parseLong(a[2])).withRows(Integer.parseInt(a[1])));
    }
}
JAVA
  java -cp "$JAR" "$W/Gen.java" "$W/train.csv" 20000 1
  java -cp "$JAR" "$W/Gen.java" "$W/rows.csv" "$ROWS" 2
fi
if [ ! -f "$W/m.lam" ]; then
  java "${JAVA_OPTS[@]}" -jar "$JAR" train --model ae --data "csv:$W/train.csv" --exclude trader,is_anomaly \
    --epochs 5 --seed 1 --save "$W/m.lam" -q
fi
if [ -z "${SKIP_SINGLE:-}" ]; then
echo "rows: $ROWS; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(date +%s.%N)
java "${JAVA_OPTS[@]}" -Xmx8g -jar "$JAR" score --model "$W/m.lam" --data "csv:$W/rows.csv" \
  --scorer recon --labels --out "$W/single.csv" -q
t1=$(date +%s.%N)
echo "single-process score: $(echo "$t1 - $t0" | bc) s"
fi

# the same as: spark-submit --master local[2] --driver-memory 6g --driver-java-options "..." --class ... latentad.jar ...
run_job() {
  java "${JAVA_OPTS[@]}" $OPENS -Xmx6g -Dlatentad.threads=1 -cp "$(cat "$W/spark.cp"):$JAR" \
    org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
    --class "$1" "$JAR" "${@:2}"
}
t0=$(date +%s.%N)
SPARK_LOCAL_IP=127.0.0.1 run_job io.latentad.models.spark.ScoreJob --model "$W/m.lam" --input "$W/rows.csv" \
  --output "$W/spark-out" --output-format parquet --overwrite 2>&1 | grep -v " INFO \| WARN " || true
t1=$(date +%s.%N)
echo "spark local[2] ScoreJob, CSV in, Parquet out: $(echo "$t1 - $t0" | bc) s"

# Spark's own floor on the same input and output: read the CSV as text, write it as Parquet, no scoring
cat > "$W/CopyJob.java" <<'JAVA'
import org.apache.spark.sql.SparkSession;
public class CopyJob {
    public static void main(String[] a) {
        SparkSession s = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        long t0 = System.nanoTime();
        s.read().option("header", true).csv(a[0]).write().mode("overwrite").parquet(a[1]);
        System.err.printf("copy job: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        s.stop();
    }
}
JAVA
SPARK_LOCAL_IP=127.0.0.1 java "${JAVA_OPTS[@]}" $OPENS -Xmx6g -cp "$(cat "$W/spark.cp"):$JAR" "$W/CopyJob.java" "$W/rows.csv" "$W/copy-out" \
  2>&1 | grep -v " INFO \| WARN " || true
