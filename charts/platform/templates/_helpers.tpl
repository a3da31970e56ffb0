{{/*
Prefix of every resource name: the release name, plus the chart name unless the release name already has it.
Short enough that "<prefix>-<workload>-migrate" stays within 63 characters.
*/}}
{{- define "platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one workload's resources (Deployment, Service, ConfigMap, ServiceAccount, ...). */}}
{{- define "platform.name" -}}
{{- printf "%s-%s" (include "platform.fullname" .root) .name -}}
{{- end -}}

{{/*
`base` overlaid with `over`, as YAML: maps merge key by key; any other value in `over` (false, 0, a list)
replaces the one in `base`. Sprig's merge/mergeOverwrite are not used because they let a default `true` win
over a workload's `false`.
*/}}
{{- define "platform.overlay" -}}
{{- $out := deepCopy .base -}}
{{- range $key, $value := .over -}}
{{- $current := get $out $key -}}
{{- if and (kindIs "map" $value) (kindIs "map" $current) -}}
{{- $_ := set $out $key (include "platform.overlay" (dict "base" $current "over" $value) | fromYaml) -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* The effective settings of workload `name`: `defaults` overlaid with `workloads.<name>`. Use with fromYaml. */}}
{{- define "platform.settings" -}}
{{- $over := get .root.Values.workloads .name | default dict -}}
{{- include "platform.overlay" (dict "base" .root.Values.defaults "over" $over) -}}
{{- end -}}

{{/* Labels that select one workload's pods; never change them on a running release (selectors are immutable). */}}
{{- define "platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
Labels of every resource. part-of is what k8s/ lets through to PostgreSQL, RabbitMQ and Redis. commonLabels come
first so that none of the chart's own can be overridden (the schema refuses them too).
*/}}
{{- define "platform.labels" -}}
{{- with .root.Values.commonLabels }}{{ toYaml . }}
{{ end }}
{{- include "platform.selectorLabels" . }}
app.kubernetes.io/part-of: longgang-platform
app.kubernetes.io/component: {{ .component | default (ternary "gateway" "service" (eq .name "gateway")) }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* A workload's image tag: the chart's appVersion unless set, and never "latest" (a tag must name one build). */}}
{{- define "platform.tag" -}}
{{- $tag := .settings.image.tag | default .root.Chart.AppVersion | toString -}}
{{- if or (eq $tag "latest") (eq $tag "") -}}
{{- fail (printf "workload %s: the image tag must name a build, not %q" .name $tag) -}}
{{- end -}}
{{- $tag -}}
{{- end -}}

{{/* repository:tag of a workload's image, behind global.imageRegistry, pinned by its digest when one is given. */}}
{{- define "platform.image" -}}
{{- include "platform.imageRef" (dict "root" .root "image" (set (deepCopy .settings.image) "tag" (include "platform.tag" .))) -}}
{{- end -}}

{{/* registry/repository:tag[@digest] of any image (`image`: repository, tag, digest). */}}
{{- define "platform.imageRef" -}}
{{- $repository := .image.repository -}}
{{- with .root.Values.global.imageRegistry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository (toString .image.tag) -}}
{{- with .image.digest -}}@{{ . }}{{- end -}}
{{- end -}}

{{/* The key of `what` (signingKey, redis, rabbitmq) or of workload `database`'s connection string in the Secret. */}}
{{- define "platform.secretKey" -}}
{{- $keys := .root.Values.secrets.keys -}}
{{- if .database -}}
{{- get $keys.databases .database | default (printf "%s-db" .database) -}}
{{- else -}}
{{- get $keys .what -}}
{{- end -}}
{{- end -}}

{{/* Whether tokens come from an OIDC authority ("true") or are HS256 with the Secret's signing key (""). */}}
{{- define "platform.oidc" -}}
{{- if .Values.auth.oidc.authority -}}true{{- end -}}
{{- end -}}

{{/* The JWT settings of every process, as name: value YAML (non-secret; the HS256 key comes from the Secret). */}}
{{- define "platform.authConfig" -}}
{{- $auth := .Values.auth -}}
{{- if include "platform.oidc" . }}
Jwt__Authority: {{ $auth.oidc.authority | quote }}
Jwt__Audience: {{ $auth.oidc.audience | default $auth.audience | quote }}
{{- range $claim, $source := $auth.oidc.claimMap }}
{{- with $source }}
Jwt__ClaimMap__{{ title $claim }}: {{ . | quote }}
{{- end }}
{{- end }}
{{- else }}
Auth__Issuer: {{ $auth.issuer | quote }}
Auth__Audience: {{ $auth.audience | quote }}
{{- /* Production refuses shared-key tokens: an install without an identity provider is an evaluation one */}}
ASPNETCORE_ENVIRONMENT: "Staging"
{{- end }}
{{- end -}}

{{/*
A workload's non-secret configuration as environment variables (Section__Key), as YAML: the ports, JWT issuer
and audience, the database switch, the Dapr binding, the gateway's service addresses, then the workload's
`config` (which may override any of them).
*/}}
{{- define "platform.configData" -}}
{{- $root := .root -}}
{{- $s := .settings -}}
{{- $data := merge (dict
  "Platform__HttpPort" ($s.ports.http | int | toString)
  "Platform__GrpcPort" ($s.ports.grpc | int | toString)
  "DOTNET_SHUTDOWNTIMEOUTSECONDS" ($s.shutdown.shutdownTimeoutSeconds | int | toString))
  (include "platform.authConfig" $root | fromYaml) -}}
{{- with $root.Values.observability.otlpEndpoint -}}
{{- $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" . -}}
{{- end -}}
{{- if $root.Values.observability.jsonLogs -}}
{{- $_ := set $data "Logging__Console__FormatterName" "json" -}}
{{- end -}}
{{- if $s.database -}}
{{- /* the migration Job has prepared the database: replicas starting together must not race to create it */ -}}
{{- $_ := set $data "Database__Initialize" "false" -}}
{{- end -}}
{{- if or $s.files (eq .name "gateway") -}}
{{- $_ := set $data "Files__MaxBytes" ($root.Values.files.maxBytes | int64 | toString) -}}
{{- end -}}
{{- if and $s.files $root.Values.clamav.enabled -}}
{{- $_ := set $data "Scanning__ClamAv" (printf "%s-clamav:%d" (include "platform.fullname" $root) ($root.Values.clamav.port | int)) -}}
{{- end -}}
{{- if and $s.dapr.enabled $s.dapr.notificationBinding -}}
{{- $_ := set $data "Dapr__NotificationBinding" $s.dapr.notificationBinding -}}
{{- end -}}
{{- if eq .name "gateway" -}}
{{- /* gRPC through each service's headless Service, which DNS resolves to every ready pod: the gateway balances
       its HTTP/2 connections over all of them instead of pinning every call to the one pod behind a ClusterIP */ -}}
{{- $_ := set $data "Gateway__ResolveDestinationsByDns" "true" -}}
{{- range $service, $_ := $root.Values.workloads -}}
{{- if ne $service "gateway" -}}
{{- $ports := (include "platform.settings" (dict "root" $root "name" $service) | fromYaml).ports -}}
{{- $address := include "platform.name" (dict "root" $root "name" $service) -}}
{{- $_ := set $data (printf "Gateway__Services__%s__Http" $service) (printf "http://%s:%d" $address ($ports.http | int)) -}}
{{- $_ := set $data (printf "Gateway__Services__%s__Grpc" $service) (printf "http://%s-grpc:%d" $address ($ports.grpc | int)) -}}
{{- end -}}
{{- end -}}
{{- range $i, $network := $root.Values.trustedProxyNetworks -}}
{{- $_ := set $data (printf "Gateway__ForwardedHeaders__KnownNetworks__%d" $i) $network -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := $s.config -}}
{{- $_ := set $data (replace ":" "__" $key) (toString $value) -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}

{{/*
Environment from the Secret: the signing key and the cache for everyone, the bus and the database where the
workload has them. secretKeyRef only: a value never appears in a ConfigMap or in the pod spec.
*/}}
{{- define "platform.secretEnv" -}}
{{- $secret := .root.Values.secrets.name -}}
{{- if not (include "platform.oidc" .root) }}
- name: Auth__SigningKey
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ include "platform.secretKey" (dict "root" .root "what" "signingKey") }}}}
{{- end }}
- name: ConnectionStrings__redis
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ include "platform.secretKey" (dict "root" .root "what" "redis") }}}}
{{- if .settings.messaging }}
- name: ConnectionStrings__rabbitmq
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ include "platform.secretKey" (dict "root" .root "what" "rabbitmq") }}}}
{{- end }}
{{- if .settings.database }}
- name: ConnectionStrings__{{ .name }}
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ include "platform.secretKey" (dict "root" .root "database" .name) }}}}
{{- end }}
{{- end -}}

{{/* The container security context of every container: nothing a .NET service needs is given up here. */}}
{{- define "platform.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* pod spec fields every pod of the chart shares */}}
{{- define "platform.podCommon" -}}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* The ConfigMap of official calendar year files the services mount, or "" when there is none. */}}
{{- define "platform.calendarConfigMap" -}}
{{- if .Values.calendar.existingConfigMap -}}
{{- .Values.calendar.existingConfigMap -}}
{{- else if .Values.calendar.years -}}
{{- printf "%s-calendar-years" (include "platform.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The ConfigMap of operations' reference-data names every workload mounts, or "" when there is none. */}}
{{- define "platform.referenceDataConfigMap" -}}
{{- if .Values.referenceData.existingConfigMap -}}
{{- .Values.referenceData.existingConfigMap -}}
{{- else if .Values.referenceData.json -}}
{{- printf "%s-reference-data" (include "platform.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The workloads with a database, space-separated, in name order. */}}
{{- define "platform.databaseWorkloads" -}}
{{- range $name, $_ := .Values.workloads -}}
{{- if (include "platform.settings" (dict "root" $ "name" $name) | fromYaml).database }}{{ $name }} {{ end -}}
{{- end -}}
{{- end -}}
