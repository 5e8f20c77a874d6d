variable "hosted_zone_name" {
  description = "Public Route53 hosted zone that holds every record below, e.g. example.com."
  type        = string
}

variable "site_domain_name" {
  description = "Domain of the site (CloudFront: SPA and browser API), e.g. tcm.example.com."
  type        = string
}

variable "origin_domain_name" {
  description = "Domain of the ALB as CloudFront's API origin, e.g. origin.tcm.example.com."
  type        = string
}

variable "grpc_domain_name" {
  description = "Domain machines use for gRPC on the ALB's gRPC port, e.g. grpc.tcm.example.com."
  type        = string
}

variable "alb_dns_name" {
  description = "DNS name of the ALB (alias target of the origin and gRPC records)."
  type        = string
}

variable "alb_zone_id" {
  description = "Route53 zone id of the ALB (alias target)."
  type        = string
}

variable "cloudfront_domain_name" {
  description = "Domain name of the CloudFront distribution (alias target of the site records)."
  type        = string
}

variable "cloudfront_hosted_zone_id" {
  description = "Route53 zone id of the CloudFront distribution (alias target)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
