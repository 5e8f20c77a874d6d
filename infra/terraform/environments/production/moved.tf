# The modules used to be called from this root; these blocks move existing state into module.platform
# (no resource is replaced). Remove them once every deployment of this environment has applied them.

moved {
  from = module.secrets
  to   = module.platform.module.secrets
}

moved {
  from = module.networking
  to   = module.platform.module.networking
}

moved {
  from = module.ecr
  to   = module.platform.module.ecr
}

moved {
  from = module.ecs_cluster
  to   = module.platform.module.ecs_cluster
}

moved {
  from = module.database
  to   = module.platform.module.database
}

moved {
  from = module.dns_cert
  to   = module.platform.module.dns_cert
}

moved {
  from = module.alb
  to   = module.platform.module.alb
}

moved {
  from = module.service
  to   = module.platform.module.service
}

moved {
  from = module.frontend
  to   = module.platform.module.frontend
}

moved {
  from = module.observability
  to   = module.platform.module.observability
}
